"""URLs of the selection pages; tadamon/events/urls.py gathers them."""

urlpatterns: list = []
