"""Provider selection, keys (env over keyring, never shown), check_provider, prompt sandboxing."""

from __future__ import annotations

import json

import pytest

from pigmeu_desktop.core.errors import ErrorCode, LLMError, PigmeuError
from pigmeu_desktop.services.llm import check_provider
from pigmeu_desktop.services.llm.config import provider_chain
from pigmeu_desktop.services.llm.prompts import Prompt
from pigmeu_desktop.settings.schema import Settings
from tests.services.llm.conftest import fake_env, make_book
from tests.support.fake_openai import DEFAULT_KEY, FakeOpenAI, Fault


def chain(env, **settings):
    return provider_chain(Settings(**settings), env, env.get)


def test_no_key_and_no_provider_means_skeleton():
    assert chain({}) == []
    assert chain({"OPENAI_API_KEY": "k"}, llm_provider="skeleton") == []


def test_with_no_provider_chosen_the_first_with_a_key_is_used():
    [cfg] = chain({"GROQ_API_KEY": "gsk"})
    assert (cfg.name, cfg.model, cfg.base_url) == ("groq", "llama-3.3-70b-versatile", "https://api.groq.com")
    assert "gsk" not in repr(cfg) and "gsk" not in str(cfg)


def test_a_chosen_provider_without_its_key_is_llm_auth_naming_the_key():
    with pytest.raises(LLMError) as caught:
        chain({"GROQ_API_KEY": "gsk"}, llm_provider="mistral")
    assert caught.value.code == ErrorCode.LLM_AUTH and "MISTRAL_API_KEY" in caught.value.message


def test_a_local_openai_compatible_server_needs_no_key():
    [cfg] = chain(
        {}, llm_provider="openai", openai_base_url="http://127.0.0.1:11434/v1", openai_model="llama3"
    )
    assert cfg.base_url == "http://127.0.0.1:11434/v1" and cfg.model == "llama3" and cfg.api_key


def test_fallback_keeps_only_configured_providers_in_order():
    env = {"OPENAI_API_KEY": "a", "MISTRAL_API_KEY": "m"}
    names = [c.name for c in chain(env, llm_provider="openai", llm_fallback=["groq", "mistral", "openai"])]
    assert names == ["openai", "mistral"]


def test_unknown_provider_is_invalid_input():
    with pytest.raises(PigmeuError) as caught:  # --provider anthropic
        provider_chain(Settings(), {}, {}.get, provider="anthropic")
    assert caught.value.code == ErrorCode.INVALID_INPUT
    with pytest.raises(ValueError, match="not an AI provider"):  # in the settings file or the dialog
        Settings(llm_provider="anthropic")
    with pytest.raises(ValueError, match="not an AI provider"):
        Settings(llm_fallback=["groq", "claude"])
    assert Settings(llm_provider=" OpenAI ", llm_fallback=["Groq"]).llm_provider == "openai"


@pytest.mark.asyncio
async def test_check_provider_makes_an_authenticated_call(fake_openai, make_services):
    services = make_services(env=fake_env(fake_openai))
    info = await check_provider(services, "openai")
    assert info["ok"] and info["model_listed"] is True and info["key_name"] == "OPENAI_API_KEY"
    assert DEFAULT_KEY not in json.dumps(info)
    [req] = fake_openai.requests
    assert req.method == "GET" and req.path == "/v1/models" and req.key_ok


@pytest.mark.asyncio
async def test_check_provider_with_a_wrong_key_names_it_without_its_value(make_services):
    with FakeOpenAI(api_keys={"gsk-right"}) as server:
        services = make_services(
            env={"GROQ_API_KEY": "gsk-wrong-value", "GROQ_BASE_URL": server.groq_base_url}
        )
        with pytest.raises(LLMError) as caught:
            await check_provider(services, "groq")
        assert server.requests[0].path == "/openai/v1/models"
    err = caught.value
    assert err.code == ErrorCode.LLM_AUTH and "GROQ_API_KEY" in err.message
    assert "gsk-wrong-value" not in json.dumps(err.to_dict()) + repr(err)


@pytest.mark.asyncio
async def test_check_provider_reports_rate_limits_and_outages(fake_openai, make_services):
    services = make_services(env=fake_env(fake_openai))
    fake_openai.fail(Fault.rate_limited(2), Fault.server_error(503))
    with pytest.raises(LLMError) as limited:
        await check_provider(services, "openai")
    with pytest.raises(LLMError) as down:
        await check_provider(services, "openai")
    assert limited.value.code == ErrorCode.LLM_RATE_LIMITED and limited.value.details["retry_after"] == 2
    assert down.value.code == ErrorCode.LLM_UNAVAILABLE


@pytest.mark.asyncio
async def test_check_provider_without_a_key(make_services):
    with pytest.raises(LLMError) as caught:
        await check_provider(make_services(), "openai")
    assert caught.value.code == ErrorCode.LLM_AUTH and "OPENAI_API_KEY" in caught.value.message


def test_templates_render_in_a_sandbox():
    evil = Prompt(
        {"_id": "p", "system": "{{ ''.__class__.__mro__[1].__subclasses__() }}", "user_template": "x"}
    )
    with pytest.raises(PigmeuError) as caught:
        evil.render("system")
    assert caught.value.code == ErrorCode.INVALID_INPUT and "cannot be rendered" in caught.value.message
    broken = Prompt({"_id": "p", "system": "{% for %}", "user_template": "x"})
    with pytest.raises(PigmeuError):
        broken.render("system")


def test_templates_see_the_book_fields():
    prompt = Prompt(
        {"_id": "p", "user_template": "{{ book.title }} — {{ book.authors[0].name }} ({{ book.pages }})"}
    )
    from pigmeu_desktop.services.llm.prompts import book_facts

    assert prompt.render("user_template", book=book_facts(make_book())) == "Sidarta — Hermann Hesse (200)"
