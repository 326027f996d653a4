"""Stand-in step works for Celery worker tests and benchmarks (PIGMEU_WORKER_WORKS=tests.support.worker_works:works).

Each step sleeps PIGMEU_FAKE_STEP_S (default 0.05 s), then counts its completion in Redis
(`pigmeu:test:done:STEP:ID`, INCR) and returns the item as the real step would leave it. While it sleeps
it records its process id (`pigmeu:test:running:ID`), so a test can kill the worker child running it.
"""

from __future__ import annotations

import asyncio
import os

from pigmeu_desktop.core.models import Book, Draft, Submission, WordPressRef
from pigmeu_desktop.core.states import Step


def works() -> dict:
    import redis.asyncio as aioredis

    delay = float(os.environ.get("PIGMEU_FAKE_STEP_S", "0.05"))
    client = None

    async def redis():
        nonlocal client
        if client is None:
            client = aioredis.from_url(
                os.environ["REDIS_URL"], password=os.environ.get("REDIS_PASSWORD") or None
            )
        return client

    def make(step: Step):
        async def work(services, sub: Submission, *, progress, **options) -> Submission:
            r = await redis()
            await r.set(f"pigmeu:test:running:{sub.id}", f"{step}:{os.getpid()}")
            await asyncio.sleep(delay)
            await r.incr(f"pigmeu:test:done:{step}:{sub.id}")
            if step is Step.SCRAPE:
                return sub.model_copy(update={"book": Book(title=f"Book {sub.asin}")})
            if step is Step.DRAFT:
                return sub.model_copy(update={"draft": Draft(title=f"Review {sub.asin}")})
            return sub.model_copy(update={"wordpress": WordPressRef(site_url="http://wp.test", post_id=1)})

        return work

    return {step: make(step) for step in Step}
