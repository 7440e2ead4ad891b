"""Who may call the API and how often: Bearer tokens, permissions, throttles, errors.

BearerTokenAuthentication: ``Authorization: Bearer <token>`` from `newsdesk create_token`
(accounts.ApiToken) -> (user, token). A wrong token is a 401, never silently anonymous.
needs(perm): a permission class requiring one Django permission (401 when anonymous).
AddressThrottle / TokenThrottle: per client address without a token, per token with one
(rates in settings.API_RATES); over the rate -> 429 with Retry-After.
"""

from django.conf import settings
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from newsdesk.accounts.models import ApiToken


class BearerTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request).decode("latin-1")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        user = ApiToken.user_for(token.strip()) if token.strip() else None
        if user is None:
            raise exceptions.AuthenticationFailed("unknown or revoked token")
        return user, token.strip()

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def needs(perm: str) -> type[permissions.BasePermission]:
    """A DRF permission class that lets through users holding ``perm``."""

    class HasPermission(permissions.BasePermission):
        message = f"this needs the permission {perm}"

        def has_permission(self, request, view) -> bool:
            if not request.user or not request.user.is_authenticated:
                raise exceptions.NotAuthenticated()
            return request.user.is_active and request.user.has_perm(perm)

    HasPermission.__name__ = f"Needs_{perm.replace('.', '_')}"
    return HasPermission


def require(request, perm: str) -> None:
    """Inside a view whose permission depends on the request body."""
    if not request.user or not request.user.is_authenticated:
        raise exceptions.NotAuthenticated()
    if not request.user.has_perm(perm):
        raise exceptions.PermissionDenied(f"this needs the permission {perm}")


class _Throttle(throttling.SimpleRateThrottle):
    def get_rate(self) -> str:
        return settings.API_RATES[self.scope]  # read per request, so tests can change it


class AddressThrottle(_Throttle):
    scope = "address"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_Throttle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        # One budget per token; a signed-in editor without a token has one per user.
        ident = f"t{hash_token(request.auth)}" if isinstance(request.auth, str) else request.user.pk
        return self.cache_format % {"scope": self.scope, "ident": ident}


def hash_token(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()[:32]
