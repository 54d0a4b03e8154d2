"""Every e-mail of the product: rendered per person, recorded as a Delivery, sent by the task queue.

``outbox.send()`` is the one way to send mail; ``choices.channel()`` the one place that decides whether a
person gets a kind of mail; ``tasks.py`` the jobs (delivery, stalled jobs, old jobs, digests).
"""
