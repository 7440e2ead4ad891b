"""Every API error as ``{"error": message}`` (plus ``fields`` when the input was bad).

Kept apart from access.py: DRF imports the authentication classes while its own views
module loads, so that module must not import rest_framework.views back.
"""

from rest_framework import exceptions
from rest_framework.views import exception_handler


def json_errors(exc, context):
    """DRF's handler (status codes, Retry-After, WWW-Authenticate) with one error shape."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ParseError):
        response.data = {"error": f"request body is not valid JSON: {exc.detail}"}
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"error": _flatten(data), "fields": data}
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"error": str(data["detail"])}
    return response


def _flatten(data) -> str:
    if isinstance(data, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in data.items())
    if isinstance(data, list):
        return " ".join(_flatten(v) for v in data)
    return str(data)
