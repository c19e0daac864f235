"""Numbers at the boundary: ids and offsets beyond what the database holds, and amounts that are not finite or
absurd, get a 4xx (or exit status 2) saying why, never a server error or a traceback."""

import logging
import re

import pytest

from omnicourt.app import create_app
from omnicourt.db import Database
from omnicourt.limits import MAX_ID
from omnicourt.settings import Settings
from tests.app.conftest import bearer
from tests.commands import run as omnicourt
from tests.dossier.samples import encrypted_pdf

TOO_BIG = 2**64


def documented_operations():
    app = create_app(settings=Settings(database_url="sqlite://"), db=Database("sqlite://"))
    return app.openapi()


def integer_parameters(schema: dict):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                types = [parameter["schema"]] + parameter["schema"].get("anyOf", [])
                for option in types:
                    if option.get("type") == "integer":
                        yield method, path, parameter, option


def test_every_integer_parameter_is_bounded_in_the_openapi():
    unbounded = [f"{method.upper()} {path} {parameter['name']}"
                 for method, path, parameter, option in integer_parameters(documented_operations())
                 if option.get("maximum", MAX_ID + 1) > MAX_ID or "minimum" not in option]
    assert unbounded == []


def test_validation_errors_are_documented_as_the_handler_returns_them():
    schema = documented_operations()
    shape = schema["components"]["schemas"]["HTTPValidationError"]
    assert set(shape["properties"]) == {"detail", "field"} and shape["required"] == ["detail", "field"]
    assert shape["properties"]["detail"]["type"] == "string"
    assert "ValidationError" not in schema["components"]["schemas"]


def _request_with(path: str, parameter: dict, value: int) -> tuple[str, dict]:
    """The path with every path parameter 1 except the one tried; query parameters as params."""
    # the other required query parameters: dashboard drill lists, the interest and auction calculators
    params = {"measure": "filed", "principal": "100000", "rate": "年利率6%", "start": "2024-01-01", "end": "2024-12-31",
              "reference_price": "1000000", "kind": "movable"}
    if parameter["in"] == "path":
        path = path.replace("{" + parameter["name"] + "}", str(value))
    else:
        params[parameter["name"]] = value
    path = path.replace("{law}", "民法典").replace("{field}", "principal").replace("{code}", "x")
    return re.sub(r"\{[a-z_]+\}", "1", path), params  # every other path parameter: 1


@pytest.mark.parametrize("value", [TOO_BIG, MAX_ID + 1, -(2**63) - 1])
def test_ids_and_offsets_beyond_64_bits_are_refused_with_422(client, value):
    headers = bearer(client, "demo-judge")
    failures = []
    for method, path, parameter, _ in integer_parameters(documented_operations()):
        url, params = _request_with(path, parameter, value)
        response = client.request(method, url, params=params, headers=headers, json={})
        if response.status_code != 422 or response.json()["field"] != parameter["name"]:
            failures.append(f"{method.upper()} {path} {parameter['name']}: {response.status_code}")
    assert failures == []


@pytest.mark.parametrize("amount", ["1e30", "NaN", "sNaN", "-Infinity", "1" * 100])
def test_fee_calculator_refuses_amounts_that_are_no_money(client, amount):
    response = client.get("/api/v1/calculators/fee", params={"amount": amount, "procedure": "simple"})
    assert response.status_code == 422
    assert response.json()["field"] == "amount" and "标的额" in response.json()["detail"]


@pytest.mark.parametrize(("amount", "message"), [
    ("1e30", "标的额超出合理范围"), ("NaN", "标的额应为数字"), ("sNaN", "标的额应为数字"),
])
def test_cli_fee_says_why_and_exits_2(amount, message):
    result = omnicourt("calc", "fee", "--amount", amount)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("name", "data", "message"), [
    ("binary.txt", bytes(range(256)) * 8, "不是文本文件"),
    ("binary.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8, "无法读取「binary.pdf」：文件「binary.pdf」无法打开"),
    ("binary.docx", b"PK\x03\x04" + bytes(range(256)) * 8, "无法读取「binary.docx」：文件「binary.docx」无法打开"),
    ("encrypted.pdf", encrypted_pdf(), "无法读取「encrypted.pdf」"),
])
def test_assist_refuses_unreadable_files_with_a_message_and_exit_2(tmp_path, caplog, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    caplog.set_level(logging.WARNING)
    result = omnicourt("assist", str(path))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.isascii() is False and "EOF marker" not in result.stderr
    # the parser's own noise is not shown: in this process its log records would reach caplog rather than stderr
    assert [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")] == []

