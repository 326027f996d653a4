"""The log filter: known secret values and common key shapes never reach a log line or a traceback."""

from __future__ import annotations

import io
import logging

import pytest

from pigmeu_desktop.logs import MASK, SecretRedactor


@pytest.fixture
def logged():
    """A logger whose handler carries a fresh redactor; returns (logger, redactor, captured text)."""
    redactor = SecretRedactor()
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(redactor)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("pigmeu.test.redaction")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    yield logger, redactor, buffer
    logger.removeHandler(handler)


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("using key sk-proj-Abc123Def456Ghi789Jkl", "sk-proj-Abc123Def456Ghi789Jkl"),
        ("groq gsk_ABCdef1234567890ghijKL", "gsk_ABCdef1234567890ghijKL"),
        ("Authorization: Basic YW5hOkFiMTIgQ2QzNA==", "YW5hOkFiMTIgQ2QzNA=="),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x", "eyJhbGciOiJIUzI1NiJ9.x"),
        ("app password Ab12 Cd34 Ef56 Gh78 Ij90 Kl12 rejected", "Ab12 Cd34 Ef56 Gh78 Ij90 Kl12"),
        ("connecting mongodb://team:Sup3rS3cret@db.example/pigmeu", "Sup3rS3cret"),
        ("redis://:r3dispass@127.0.0.1:6379/0 down", "r3dispass"),
        ('payload {"api_key": "abc123xyz"}', "abc123xyz"),
        ("retry with password=hunter22 failed", "hunter22"),
    ],
)
def test_key_shapes_are_masked(logged, line, secret):
    logger, _, buffer = logged
    logger.warning(line)
    assert secret not in buffer.getvalue()
    assert MASK in buffer.getvalue()


def test_known_values_are_masked_in_args_and_tracebacks(logged):
    logger, redactor, buffer = logged
    redactor.add("mistral-plain-value-42")
    logger.info("key is %s", "mistral-plain-value-42")
    try:
        raise RuntimeError("server echoed mistral-plain-value-42")
    except RuntimeError:
        logger.exception("call failed")
    text = buffer.getvalue()
    assert "mistral-plain-value-42" not in text
    assert text.count(MASK) >= 2 and "RuntimeError" in text


def test_ordinary_text_is_left_alone(logged):
    logger, redactor, buffer = logged
    redactor.add("abc")  # too short to be a real secret: masking it would garble normal words
    line = "scraped 'O Pequeno Príncipe' from https://www.amazon.com.br/dp/8595081514 (that book will have been very good) abc"
    logger.info(line)
    assert buffer.getvalue().strip() == line


def test_env_secrets_are_learned(logged):
    logger, redactor, buffer = logged
    redactor.add_from_env({"MISTRAL_API_KEY": "m1str4lkeyvalue", "WORDPRESS_URL": "https://blog.example"})
    logger.info("m1str4lkeyvalue at https://blog.example")
    assert buffer.getvalue().strip() == f"{MASK} at https://blog.example"
