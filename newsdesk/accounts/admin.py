from django.contrib import admin

from newsdesk.accounts.models import ApiToken, PersonalDataErasure
from newsdesk.accounts.throttle import ThrottledLoginForm, answer_429_when_locked


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "created_at", "last_used_at"]
    readonly_fields = ["digest", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are issued by `newsdesk create_token`, which shows them once


# The admin and the desk share this login; it locks out after repeated failures.
admin.site.login_form = ThrottledLoginForm
admin.site.login = answer_429_when_locked(admin.site.login)


@admin.register(PersonalDataErasure)
class PersonalDataErasureAdmin(admin.ModelAdmin):
    list_display = ["at", "comments", "action"]

    def has_add_permission(self, request) -> bool:
        return False  # made by `newsdesk erase_commenter`, the one way to erase

    def has_change_permission(self, request, obj=None) -> bool:
        return False
