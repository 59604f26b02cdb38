"""One JSON error envelope for every error the API returns:
``{"error": {"code": "not_found", "message": "no event with id 'x'"}}``.

FastAPI's own answers (unknown route, wrong method, invalid parameters) and casus's errors are
all turned into it here, so a client handles one shape.
"""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from casus.errors import CasusError, InputError, ModelMissingError, StoreError

_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_parameters",
}


class ApiError(Exception):
    """An error the API answers with on purpose: its status, code and message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def envelope(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def install(app: FastAPI) -> None:
    """Route every error the app can raise to the envelope."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(CasusError, _casus_error)
    app.add_exception_handler(Exception, _internal)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return envelope(exc.status, exc.code, exc.message)


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    phrase = HTTPStatus(exc.status_code).phrase
    message = exc.detail if exc.detail and exc.detail != phrase else phrase
    if exc.status_code in (404, 405) and message == phrase:
        message = f"{phrase}: {request.method} {request.url.path}"
    response = envelope(exc.status_code, _CODES.get(exc.status_code, "http_error"), message)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    problems = [_problem(error) for error in exc.errors()]
    return envelope(422, "invalid_parameters", "; ".join(problems))


async def _casus_error(request: Request, exc: CasusError) -> JSONResponse:
    if isinstance(exc, InputError):
        return envelope(422, "invalid_input", str(exc))
    if isinstance(exc, StoreError):
        return envelope(503, "store_unavailable", str(exc))
    if isinstance(exc, ModelMissingError):
        return envelope(500, "model_missing", str(exc))
    return envelope(500, "casus_error", f"{type(exc).__name__}: {exc}")


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    return envelope(500, "internal_error", f"internal error: {type(exc).__name__}")


def _problem(error: dict) -> str:
    """``query.limit: Input should be less than or equal to 1000``."""
    where = ".".join(str(part) for part in error.get("loc", ()))
    return f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", "invalid")
