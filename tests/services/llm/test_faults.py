"""Each fault the local server can inject, driven through the real SDKs: retries with backoff and
Retry-After, timeouts, cut streams, 401 naming the key, the repair path, fallback, cancellation."""

from __future__ import annotations

import asyncio
import json

import pytest

from pigmeu_desktop.core.errors import ErrorCode, LLMError
from tests.services.llm.conftest import canned_review, fake_env, page_options
from tests.support.fake_openai import FakeOpenAI, Fault, review_responder


async def generate(services, drafter, book, **kwargs):
    try:
        return await drafter.generate(book, page_options(**kwargs))
    finally:
        await drafter.aclose()
        await services.aclose()


@pytest.mark.asyncio
async def test_429_is_retried_after_the_retry_after_the_server_asked_for(
    fake_openai, make_services, drafter_for, book, sleeps
):
    fake_openai.fail(Fault.rate_limited(retry_after=0.4))
    services = make_services(env=fake_env(fake_openai))
    gen = await generate(services, drafter_for(services), book)
    assert [r.status for r in fake_openai.chat_requests] == [429, 200]
    [wait] = sleeps.calls
    assert 0.4 <= wait < 0.5  # the server's number is a floor, plus a little jitter
    assert gen.draft.title


@pytest.mark.asyncio
async def test_persistent_429_ends_in_llm_rate_limited(fake_openai, make_services, drafter_for, book, sleeps):
    fake_openai.fail(*[Fault.rate_limited(retry_after=None)] * 3)
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    assert caught.value.code == ErrorCode.LLM_RATE_LIMITED and caught.value.transient
    assert len(fake_openai.chat_requests) == 3
    # Exponential backoff with jitter: the second wait is longer than the first's floor allows.
    first, second = sleeps.calls
    assert 0.005 <= first <= 0.01 and 0.01 <= second <= 0.02


@pytest.mark.asyncio
async def test_a_retry_after_longer_than_we_wait_gives_up_at_once(
    fake_openai, make_services, drafter_for, book, sleeps
):
    fake_openai.fail(Fault.rate_limited(retry_after=3600))
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    assert caught.value.code == ErrorCode.LLM_RATE_LIMITED and caught.value.details["retry_after"] == 3600
    assert sleeps.calls == [] and len(fake_openai.chat_requests) == 1


@pytest.mark.asyncio
async def test_500_is_retried_and_three_in_a_row_is_llm_unavailable(
    fake_openai, make_services, drafter_for, book
):
    fake_openai.fail(Fault.server_error(500))
    services = make_services(env=fake_env(fake_openai))
    gen = await generate(services, drafter_for(services), book)
    assert gen.draft.title and [r.status for r in fake_openai.chat_requests] == [500, 200]

    fake_openai.fail(Fault.server_error(502), Fault.server_error(503), Fault.server_error(500))
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    assert caught.value.code == ErrorCode.LLM_UNAVAILABLE
    assert [r.status for r in fake_openai.chat_requests][2:] == [502, 503, 500]


@pytest.mark.asyncio
async def test_a_hung_response_times_out_is_retried_and_the_request_is_closed(
    fake_openai, make_services, drafter_for, book
):
    fake_openai.fail(Fault.hang(10), Fault.hang(10))
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services, attempts=2, read_timeout=0.3), book)
    assert caught.value.code == ErrorCode.TIMEOUT and caught.value.transient
    hung = fake_openai.chat_requests
    assert len(hung) == 2
    # The client gave up and closed the connection; the server saw it (it does not hang forever).
    assert fake_openai.wait_for(lambda: all(r.disconnected for r in hung), timeout=3)


@pytest.mark.asyncio
async def test_a_stream_cut_in_the_middle_is_retried(fake_openai, make_services, drafter_for, book):
    fake_openai.fail(Fault.cut_stream(after_chunks=5))
    services = make_services(env=fake_env(fake_openai))
    attempts = []
    tokens: list[str] = []
    gen = await generate(
        services, drafter_for(services), book, on_token=tokens.append, on_attempt=attempts.append
    )
    cut, _ok = fake_openai.chat_requests
    assert cut.fault == "cut" and len(cut.chunks) == 5
    # The GUI is told a new attempt starts (so it clears the partial text) and the draft is whole.
    assert [a.reason for a in attempts] == ["start", "retry"]
    assert "".join(tokens).endswith(gen.raw_text) and json.loads(gen.raw_text)


@pytest.mark.asyncio
async def test_cut_streams_every_time_end_in_llm_unavailable(fake_openai, make_services, drafter_for, book):
    fake_openai.fail(*[Fault.cut_stream(after_chunks=2)] * 3)
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    assert caught.value.code == ErrorCode.LLM_UNAVAILABLE


@pytest.mark.asyncio
async def test_401_names_the_key_never_its_value_and_is_not_retried(
    fake_openai, make_services, drafter_for, book
):
    secret = "sk-proj-THIS-IS-SECRET-1234567890"
    services = make_services(env=fake_env(fake_openai, key=secret))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    err = caught.value
    assert err.code == ErrorCode.LLM_AUTH and not err.transient
    assert "OPENAI_API_KEY" in err.message and err.details["key_name"] == "OPENAI_API_KEY"
    everything = json.dumps(err.to_dict()) + repr(err) + str(err) + err.next_step
    assert secret not in everything and "SECRET" not in everything
    assert len(fake_openai.chat_requests) == 1


@pytest.mark.asyncio
async def test_injected_401_fault_is_llm_auth(fake_openai, make_services, drafter_for, book):
    fake_openai.fail(Fault.unauthorized())
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    assert caught.value.code == ErrorCode.LLM_AUTH


@pytest.mark.asyncio
async def test_invalid_json_gets_one_repair_that_shows_the_model_the_error(
    fake_openai, make_services, drafter_for, book
):
    fake_openai.fail(Fault.invalid_json())
    services = make_services(env=fake_env(fake_openai))
    gen = await generate(services, drafter_for(services), book)
    first, repair = fake_openai.chat_requests
    assert gen.repaired and gen.draft.title
    # The repair request replays the bad answer and says what was wrong with it.
    assert repair.messages[-2] == {"role": "assistant", "content": first.chunks and "".join(first.chunks)}
    assert (
        "não é válida" in repair.messages[-1]["content"]
        and "not valid JSON" in repair.messages[-1]["content"]
    )


@pytest.mark.asyncio
async def test_schema_violation_is_repaired_with_the_validation_error(
    fake_openai, make_services, drafter_for, book
):
    bad = json.loads(canned_review(book))
    bad["meta_description"] = "x" * 200
    fake_openai.fail(Fault.reply(json.dumps(bad)))
    services = make_services(env=fake_env(fake_openai))
    gen = await generate(services, drafter_for(services), book)
    repair_text = fake_openai.chat_requests[1].messages[-1]["content"]
    assert "meta_description has 200 characters; the maximum is 160" in repair_text
    assert gen.repaired and len(gen.draft.meta_description) <= 160


@pytest.mark.asyncio
async def test_bad_output_twice_is_llm_bad_output_keeping_the_raw_text(
    fake_openai, make_services, drafter_for, book
):
    fake_openai.fail(Fault.reply("Claro! Aqui está a resenha: ..."), Fault.reply("Desculpe, não consigo."))
    services = make_services(env=fake_env(fake_openai))
    with pytest.raises(LLMError) as caught:
        await generate(services, drafter_for(services), book)
    err = caught.value
    assert err.code == ErrorCode.LLM_BAD_OUTPUT and not err.transient
    assert err.details["raw_output"] == "Desculpe, não consigo."
    assert err.details["usage"]["input_tokens"] > 0  # what the failed attempts cost is reported too
    assert len(fake_openai.chat_requests) == 2  # one repair, no more


@pytest.mark.asyncio
async def test_fallback_to_the_next_provider_when_the_first_is_down(make_services, drafter_for, book):
    with FakeOpenAI() as openai_server, FakeOpenAI(api_keys={"gsk-test"}) as groq_server:
        openai_server.fail(*[Fault.server_error(503)] * 3)
        env = {
            **fake_env(openai_server),
            "GROQ_API_KEY": "gsk-test",
            "GROQ_BASE_URL": groq_server.groq_base_url,
        }
        services = make_services(env=env, llm_provider="openai", llm_fallback=["mistral", "groq"])
        attempts = []
        gen = await generate(services, drafter_for(services), book, on_attempt=attempts.append)
        assert len(openai_server.chat_requests) == 3 and len(groq_server.chat_requests) == 1
    # mistral has no key, so it is skipped rather than turning the outage into llm_auth.
    assert gen.draft.provider == "groq"
    assert gen.failures == [{"provider": "openai", "model": "gpt-4o-mini", "code": "llm_unavailable"}]
    assert [(a.provider, a.reason) for a in attempts] == [
        ("openai", "start"),
        ("openai", "retry"),
        ("openai", "retry"),
        ("groq", "fallback"),
    ]


@pytest.mark.asyncio
async def test_when_every_provider_fails_the_primary_error_is_raised_listing_all(
    make_services, drafter_for, book
):
    with FakeOpenAI() as openai_server, FakeOpenAI(api_keys={"other"}) as groq_server:
        env = {
            **fake_env(openai_server),
            "GROQ_API_KEY": "gsk-wrong",
            "GROQ_BASE_URL": groq_server.groq_base_url,
        }
        openai_server.fail(Fault.unauthorized())
        services = make_services(env=env, llm_provider="openai", llm_fallback=["groq"])
        with pytest.raises(LLMError) as caught:
            await generate(services, drafter_for(services), book)
    err = caught.value
    assert err.code == ErrorCode.LLM_AUTH and "OPENAI_API_KEY" in err.message
    assert [t["provider"] for t in err.details["tried"]] == ["openai", "groq"]
    assert "gsk-wrong" not in json.dumps(err.to_dict())


@pytest.mark.asyncio
async def test_cancelling_during_the_stream_closes_the_request(make_services, drafter_for, book):
    with FakeOpenAI(chunk_size=4, token_delay=0.02) as server:
        services = make_services(env=fake_env(server))
        drafter = drafter_for(services)
        first_token = asyncio.Event()
        task = asyncio.ensure_future(
            drafter.generate(book, page_options(on_token=lambda _t: first_token.set()))
        )
        await asyncio.wait_for(first_token.wait(), 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        [req] = server.chat_requests
        assert server.wait_for(lambda: req.disconnected, timeout=3), "the server kept streaming to nobody"
        total = len(review_responder(req.body)) // 4
        assert len(req.chunks) < total / 2  # it stopped early, not after sending everything
        await drafter.aclose()
        await services.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("provider", "key_name", "url_env", "base"),
    [
        ("openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", "base_url"),
        ("groq", "GROQ_API_KEY", "GROQ_BASE_URL", "groq_base_url"),
        ("mistral", "MISTRAL_API_KEY", "MISTRAL_BASE_URL", "base_url"),
    ],
)
async def test_a_wrong_key_is_llm_auth_through_each_real_sdk(
    provider, key_name, url_env, base, make_services, drafter_for, book
):
    """Each provider's own SDK (openai for OpenAI and Mistral, groq for Groq) reaches the local server and
    its 401 becomes llm_auth naming the key: a client that cannot even be built would be internal_error."""
    with FakeOpenAI(api_keys={"the-right-key"}) as server:
        services = make_services(env={key_name: "a-wrong-key", url_env: getattr(server, base)})
        with pytest.raises(LLMError) as caught:
            await generate(services, drafter_for(services), book, provider=provider)
        assert len(server.chat_requests) == 1 and not server.chat_requests[0].key_ok
    assert caught.value.code == ErrorCode.LLM_AUTH and key_name in caught.value.message
