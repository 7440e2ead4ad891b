"""Who may open a desk screen: a signed-in staff user holding the named permission.

Anonymous visitors and non-staff users are sent to the admin login; a staff user
without the permission gets 403. Checked on every request, GET and POST alike, so a
form posted from outside the UI is refused just the same (threat row F5).
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied


def desk_view(read: str, write: str | None = None) -> Callable:
    """GET needs ``read``; POST needs ``write`` (default: ``read``)."""

    def decorate(view: Callable) -> Callable:
        @staff_member_required
        @wraps(view)
        def checked(request, *args, **kwargs):
            perm = (write or read) if request.method == "POST" else read
            if not request.user.has_perm(perm):
                raise PermissionDenied(f"this needs the permission {perm}")
            return view(request, *args, **kwargs)

        return checked

    return decorate


def require(request, perm: str) -> None:
    """Inside a view whose needed permission depends on the posted action."""
    if not request.user.has_perm(perm):
        raise PermissionDenied(f"this needs the permission {perm}")
