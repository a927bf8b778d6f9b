"""Security and caching headers on every response, and the trusted reverse proxies in front: app wiring."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from trainer.config import apply_https, whole_number

# Nothing inline, nothing from another origin. Inline SVG figures and MathML draw with presentation attributes
# (fill, stroke, width), which CSP does not govern; bank tables align cells with `align`, not `style`.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Powerful browser features the site never uses, switched off for it and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
HSTS = "max-age=31536000"  # one year; subdomains are not ours to bind
# Every page carries a CSRF token (base.html) and may carry answer keys or a name: none may stay in a cache,
# shared or not, after the candidate leaves the computer.
NO_STORE = "no-store"
# Files the same for everyone, which browsers may keep (the favicon keeps the week its route gives it).
CACHEABLE = {"static", "main.show_favicon"}


def add_headers(response: Response) -> Response:
    """After each request: the security headers, HSTS over https, and no caching of anything but static files."""
    response.headers.update(SECURITY_HEADERS)
    if current_app.config["HTTPS"]:
        response.headers["Strict-Transport-Security"] = HSTS
    if request.endpoint not in CACHEABLE:
        response.headers["Cache-Control"] = NO_STORE
    return response


def trust_proxies(app: Flask) -> None:
    """Behind TRAINER_PROXY_COUNT reverse proxies, take the client's address, scheme and host from the
    X-Forwarded-* headers they set; with none configured those headers are ignored, so nobody can spoof them."""
    proxies = whole_number(app.config, "PROXY_COUNT")
    app.config["PROXY_COUNT"] = proxies
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)


def init_headers(app: Flask) -> None:
    apply_https(app.config)
    trust_proxies(app)
    app.after_request(add_headers)
