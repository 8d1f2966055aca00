"""URLs of the calls pages; tadamon/events/urls.py gathers them."""

urlpatterns: list = []
