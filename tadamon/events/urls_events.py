"""URLs of the events pages; tadamon/events/urls.py gathers them."""

urlpatterns: list = []
