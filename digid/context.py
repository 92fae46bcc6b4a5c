from .provider import enabled


def digid(request):
    """Whether DigiD is configured: the login button shows only then."""
    return {"digid_enabled": enabled()}
