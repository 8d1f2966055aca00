"""The password hasher: Argon2id at OWASP's second recommended setting.

Django's Argon2 defaults (100 MiB, 8 lanes) and its PBKDF2 (1,000,000 iterations) both cost
0.15–0.5 s of CPU per log-in on this project's 2-core servers: an opening morning, when
hundreds of exhibitors sign in, queued behind the hashing. 19 MiB, 2 passes and one lane is
OWASP's equivalent setting at about 20 ms of CPU (bench/RESULTS.md, "Log-in"). Hashes made
with other parameters or by PBKDF2 are rehashed with these at the next successful log-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
