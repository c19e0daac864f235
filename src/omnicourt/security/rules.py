"""Check digits of identity numbers: 公民身份号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).

Pure functions: validate what a user typed, and generate valid numbers for demo data.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from omnicourt.errors import InvalidInput

# GB 11643-1999 §8.2 (ISO 7064:1983 MOD 11-2): weight of position i is 2^(17-i) mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"  # index = weighted sum mod 11

# GB 32100-2015 §4: the 31 characters of the code (no I, O, S, V, Z) and the weights 3^i mod 31.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

SEXES = ("male", "female")


@dataclass(frozen=True)
class IdNumber:
    """A checked 公民身份号码 and what it encodes."""

    number: str  # 18 characters, upper-case X
    region_code: str  # 6-digit 地址码 (administrative division of permanent residence)
    birth_date: date
    sex: str  # 'male' | 'female' (odd / even 顺序码)


def _compact(value: str) -> str:
    """Full-width to half-width (NFKC), all whitespace removed, upper-cased."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")).upper()


def id_check_char(body17: str) -> str:
    """The check character of a 17-digit body (GB 11643-1999 §8.2, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(body17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def _birth_date(digits8: str) -> date | None:
    try:
        return date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return None


def validate_id_number(value: str, *, today: date | None = None) -> IdNumber:
    """Check an 18-character 公民身份号码 (GB 11643-1999 §§5–8).

    Structure: 6-digit 地址码, 8-digit 出生日期码 (YYYYMMDD), 3-digit 顺序码 (odd = male, even
    = female), 1 check character (ISO 7064 MOD 11-2). Surrounding and inner whitespace is
    removed, full-width characters are folded, a lower-case x becomes X. The birth date must
    be a real calendar date and, when `today` is given, not after it. The 15-digit numbers of
    the first generation are refused (they carry no check digit).
    """
    number = _compact(value)
    if not number:
        raise InvalidInput("请填写身份证号码", field="id_number")
    if len(number) != 18:
        raise InvalidInput(f"身份证号码位数不对：应为18位，实际为{len(number)}位", field="id_number")
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
        raise InvalidInput("身份证号码含有非法字符：前17位应为数字，最后一位应为数字或X", field="id_number")
    birth_date = _birth_date(number[6:14])
    if birth_date is None:
        raise InvalidInput(f"身份证号码中的出生日期无效：{number[6:14]}不是真实的日期", field="id_number")
    if today is not None and birth_date > today:
        raise InvalidInput(f"身份证号码中的出生日期无效：{birth_date.isoformat()}晚于今天", field="id_number")
    if id_check_char(number[:17]) != number[17]:
        raise InvalidInput("身份证号码校验位错误，请核对号码是否输入有误", field="id_number")
    sex = "male" if int(number[16]) % 2 == 1 else "female"
    return IdNumber(number=number, region_code=number[:6], birth_date=birth_date, sex=sex)


def make_id_number(region_code: str, birth_date: date, sequence: int, sex: str) -> str:
    """Build a valid 公民身份号码 for demo data (GB 11643-1999 §§5–8).

    `sequence` is the 1-based ordinal of the person among those of the same sex with the same
    地址码 and birth date (1..499); the 3-digit 顺序码 is 2·sequence − 1 for a man and
    2·sequence for a woman, so it always carries the right parity (GB 11643 §5.3).
    Example: ("110105", 1949-12-31, 1, "female") → 11010519491231002X.
    """
    if not re.fullmatch(r"[0-9]{6}", region_code or ""):
        raise InvalidInput("地址码应为6位数字", field="region_code")
    if birth_date.year < 1000:
        raise InvalidInput("出生年份应为4位数字", field="birth_date")
    if sex not in SEXES:
        raise InvalidInput("性别应为 male 或 female", field="sex")
    if not 1 <= sequence <= 499:
        raise InvalidInput("顺序号应在1至499之间", field="sequence")
    order_code = 2 * sequence - 1 if sex == "male" else 2 * sequence
    body = f"{region_code}{birth_date:%Y%m%d}{order_code:03d}"
    return body + id_check_char(body)


def uscc_check_char(body17: str) -> str:
    """The check character of a 17-character USCC body (GB 32100-2015 §5): (31 − Σ mod 31) mod 31."""
    total = sum(USCC_CHARSET.index(char) * weight for char, weight in zip(body17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def _invalid_uscc_chars(text: str) -> str:
    return "".join(sorted({char for char in text if char not in USCC_CHARSET}))


def validate_uscc(value: str) -> str:
    """Check an 18-character 统一社会信用代码 and return it upper-cased (GB 32100-2015 §§4–5).

    Every character must be one of the 31 of the code set (digits and capitals without
    I, O, S, V, Z); the 18th is the check character. Whitespace is removed, full-width
    characters folded, lower case accepted. The embedded 组织机构代码 check (GB 11714,
    positions 9–17) is deliberately not enforced.
    """
    code = _compact(value)
    if not code:
        raise InvalidInput("请填写统一社会信用代码", field="uscc")
    if len(code) != 18:
        raise InvalidInput(f"统一社会信用代码位数不对：应为18位，实际为{len(code)}位", field="uscc")
    bad = _invalid_uscc_chars(code)
    if bad:
        raise InvalidInput(f"统一社会信用代码含有非法字符：{bad}（不使用I、O、S、V、Z）", field="uscc")
    if uscc_check_char(code[:17]) != code[17]:
        raise InvalidInput("统一社会信用代码校验位错误，请核对代码是否输入有误", field="uscc")
    return code


def make_uscc(body17: str) -> str:
    """Append the GB 32100-2015 check character to a 17-character body (for demo data)."""
    body = _compact(body17)
    if len(body) != 17 or _invalid_uscc_chars(body):
        raise InvalidInput("统一社会信用代码本体应为17位，且只含代码字符集中的字符", field="uscc")
    return body + uscc_check_char(body)


# 律师执业证号: 17 digits under the Ministry of Justice's numbering rules (certificate type, province and
# city of the practising institution, category of practice, year of first practice, sex, serial). It has
# no check digit: the lawyers' register is what confirms it; here only the form is checked.
PRACTICE_CERTIFICATE_LENGTH = 17
LAW_FIRM_MAX_LENGTH = 128


def validate_practice_certificate_number(value: str) -> str:
    number = _compact(value)
    if len(number) != PRACTICE_CERTIFICATE_LENGTH or not number.isascii() or not number.isdigit():
        raise InvalidInput("律师执业证号应为17位数字", field="practice_certificate_number")
    return number


def validate_law_firm(value: str) -> str:
    name = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value or "")).strip()
    if len(name) < 4 or len(name) > LAW_FIRM_MAX_LENGTH:
        raise InvalidInput("请填写执业律师事务所的全称（4至128个字）", field="law_firm")
    return name


def mask_number(number: str | None) -> str | None:
    """An ID number or USCC as shown back to its holder: the first six and last four characters."""
    if not number:
        return None
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


# ---------------------------------------------------------------- an address for electronic delivery

MOBILE = re.compile(r"^1[3-9]\d{9}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9.-]{1,188}\.[A-Za-z]{2,24}$")


def contact_for_service(*, consented: bool, email: str, mobile: str) -> tuple[str | None, str | None]:
    """The e-mail address and mobile number of a delivery address confirmation (在线诉讼规则 arts 29–30), checked;
    without consent to electronic delivery none is kept."""
    email, mobile = (email or "").strip(), (mobile or "").strip().replace(" ", "")
    if not consented:
        return None, None
    if email and not EMAIL.match(email):
        raise InvalidInput(f"电子邮箱「{email[:60]}」格式不正确", field="email")
    if mobile and not MOBILE.match(mobile):
        raise InvalidInput(f"手机号码「{mobile[:20]}」应为 11 位中国大陆手机号", field="mobile")
    return email or None, mobile or None
