"""Demonstration data (SPEC section 7): `manage.py load_demo` composes the parts below.

- `registry.build_registry` — organizer bodies, partner institutions and invented
  organizations with their products and beneficiaries;
- `users.create_admin` and `users.build_users` — one account per role.

Every part takes the same `random.Random`, so one seed gives one dataset. Later parts (the
events E1–E5) take the `DemoRegistry` that `build_registry` returns.
"""
