"""Certificates of attendance, participation and appreciation (issue 5, SPEC 3E).

- numbering: unique, never reused numbers with a check character;
- eligibility: who may receive which certificate under the event's CertificateRule;
- pdf: the bilingual A4 page (Arabic shaped right to left, French) with its QR code;
- services: issue and revoke, one by one or for everyone eligible; the PDFs;
- batches: the background batch (progress, one ZIP of PDFs); tasks: its django-tasks task;
- rules: the event's certificate settings (rule, signatories, logo);
- selectors: the lists and look-ups the pages and the API show; forms: the pages' forms.

The public verification page is tadamon.programme.views.verify (/verify/<number>).
"""
