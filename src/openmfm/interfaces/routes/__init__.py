"""The HTTP routes, one module per area; each route is a thin call of ``interfaces.services``
run on a lane, behind the one permission it names (``auth.needs``)."""

from fastapi import Request

from ..services import Services


def services_of(request: Request) -> Services:
    return request.app.state.services
