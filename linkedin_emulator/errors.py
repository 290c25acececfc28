"""LinkedIn error bodies (exact JSON from the wire reference) and the exception that carries them."""
from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An HTTP error answer: status, JSON body and optional extra headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status}: {body.get('message') or body.get('error')}")
        self.status = status
        self.body = body
        self.headers = headers or {}


MSG_INVALID_PARAM = "Invalid param. Please see errorDetails for more information."
MSG_UNRESOLVED = "Resource method could not be resolved from request parameters."


def empty_token() -> ApiError:
    return ApiError(401, {"status": 401, "serviceErrorCode": 65604, "code": "EMPTY_ACCESS_TOKEN",
                          "message": "Empty oauth2_access_token"})


def invalid_token() -> ApiError:
    return ApiError(401, {"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN",
                          "message": "Invalid access token"})


def revoked_token() -> ApiError:
    return ApiError(401, {"status": 401, "serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN",
                          "message": "The token used in the request has been revoked by the user"})


def expired_token() -> ApiError:
    return ApiError(401, {"status": 401, "serviceErrorCode": 65602, "code": "EXPIRED_ACCESS_TOKEN",
                          "message": "The token used in the request has expired"})


def version_missing() -> ApiError:
    return ApiError(400, {"status": 400, "code": "VERSION_MISSING",
                          "message": "A version must be present. Please specify a version by adding the "
                                     "LinkedIn-Version header."})


def nonexistent_version(echo: str) -> ApiError:
    return ApiError(426, {"status": 426, "code": "NONEXISTENT_VERSION",
                          "message": f"Requested version {echo} is not active"})


def invalid_param() -> ApiError:
    return ApiError(400, {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT",
                          "message": MSG_INVALID_PARAM})


def unresolved_method() -> ApiError:
    return ApiError(400, {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT",
                          "message": MSG_UNRESOLVED})


def bad_request(message: str) -> ApiError:
    """A 400 with a specific message (caps, video rules); keeps LinkedIn's envelope."""
    return ApiError(400, {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT", "message": message})


def invalid_time_intervals(detail: str) -> ApiError:
    return ApiError(400, {"status": 400, "serviceErrorCode": 100, "code": "ILLEGAL_ARGUMENT",
                          "message": f"Invalid timeIntervals parameter: {detail}"})


def access_denied(resource: str, method: str, version_day: str) -> ApiError:
    return ApiError(403, {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
                          "message": f"Not enough permissions to access: {resource}.{method}.{version_day}"})


def not_found() -> ApiError:
    return ApiError(404, {"status": 404, "serviceErrorCode": 0, "code": "NOT_FOUND", "message": "Not Found"})


def no_resource() -> ApiError:
    return ApiError(404, {"status": 404, "serviceErrorCode": 0, "code": "RESOURCE_NOT_FOUND",
                          "message": "No virtual resource found"})


def method_not_allowed() -> ApiError:
    return ApiError(405, {"status": 405, "serviceErrorCode": 0, "code": "METHOD_NOT_ALLOWED",
                          "message": "Method not allowed"})


def uri_too_long() -> ApiError:
    return ApiError(414, {"status": 414, "message": "Request-URI Too Long"})


def too_many_requests_day(retry_after: int | None = None) -> ApiError:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return ApiError(429, {"status": 429, "serviceErrorCode": 101, "code": "TOO_MANY_REQUESTS",
                          "message": "Resource level throttle APPLICATION DAY limit for calls to this resource "
                                     "is reached."}, headers)


# Production also words a 429 without "DAY" (wire reference, variations): a daily quota may read like this too.
MSG_THROTTLE_PLAIN = "Resource level throttle limit for calls to this resource is reached."


def too_many_requests_short(retry_after: int | None = None, plain: bool = False) -> ApiError:
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return ApiError(429, {"status": 429, "serviceErrorCode": 101, "code": "TOO_MANY_REQUESTS",
                          "message": MSG_THROTTLE_PLAIN if plain else "Too many requests"}, headers)


def too_many_requests_plain_day() -> ApiError:
    """An exhausted daily quota whose body does not say DAY, and no Retry-After."""
    return too_many_requests_short(None, plain=True)


_SERVER_MESSAGES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                    504: "Gateway Timeout"}


def server_error(status: int) -> ApiError:
    return ApiError(status, {"status": status, "message": _SERVER_MESSAGES.get(status, "Server Error")})


def oauth_error(status: int, error: str, description: str) -> ApiError:
    """OAuth endpoints use the RFC 6749 shape, not the Rest.li one."""
    return ApiError(status, {"error": error, "error_description": description})


def control_error(status: int, message: str) -> ApiError:
    return ApiError(status, {"status": status, "message": message})
