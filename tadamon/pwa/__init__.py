"""The installable web app (issue 20): the manifest and its icons, the service worker that
keeps the field pages for a phone without a network, and the offline page."""
