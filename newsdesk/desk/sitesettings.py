"""Site settings kept in the database and edited in the desk (GET/POST /desk/settings/).

current() -> the SiteSettings row (an unsaved default when none was saved), read by the
public site's context processor. Editing needs desk.change_sitesettings (administrators).
save_settings(form) is the one way a change is stored, so what must follow one is here.
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from newsdesk.desk.access import desk_view
from newsdesk.desk.models import SiteSettings


def current() -> SiteSettings:
    return SiteSettings.objects.order_by("id").first() or SiteSettings()


def comments_closed() -> bool:
    return current().comment_policy == SiteSettings.CommentPolicy.CLOSED


class SettingsForm(forms.ModelForm):
    logo_url = forms.URLField(required=False, max_length=2000, assume_scheme="https")

    class Meta:
        model = SiteSettings
        fields = ["name", "logo_url", "accent_colour", "text_colour", "comment_policy"]
        fields.append("menu_categories")
        widgets = {"menu_categories": forms.CheckboxSelectMultiple}

    def clean_logo_url(self) -> str:
        url = self.cleaned_data["logo_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError("the logo must be an https:// address")
        return url


def save_settings(form: SettingsForm) -> SiteSettings:
    """Store a valid settings form. Every public page shows the name, logo, colours and
    menu, so a store of rendered pages (a page cache) is to be renewed from here; the
    save time stamped here versions the colours' stylesheet (web/look.py)."""
    saved = form.save(commit=False)
    saved.updated_at = timezone.now()
    saved.save()
    form.save_m2m()
    return saved


@desk_view("desk.view_sitesettings", "desk.change_sitesettings")
def edit(request: HttpRequest) -> HttpResponse:
    row = current()
    form = SettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        save_settings(form)
        messages.success(request, "Site settings saved.")
        return redirect("desk:settings")
    context = {**admin.site.each_context(request), "title": "Site settings", "form": form}
    return render(request, "desk/settings.html", context)
