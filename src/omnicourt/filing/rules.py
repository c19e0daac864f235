"""Rules of online filing: the decision clock and what a complete application holds."""

from datetime import date, timedelta

# CPL 2023 art. 126: the court decides on a complaint within 7 days of receiving it.
DECISION_DAYS = 7


def decision_due(received_on: date, days: int = DECISION_DAYS) -> date:
    """The last day to decide, counted from the day after receipt (CPL art. 85(2)).

    After a correction the period restarts the day after the corrected filing arrives
    (在线诉讼规则 art. 9).
    """
    return received_on + timedelta(days=days)


def days_left(due_on: date, today: date) -> int:
    return (due_on - today).days


PARTY_ROLES = {"plaintiff": "原告", "defendant": "被告", "third_party": "第三人", "agent": "委托诉讼代理人"}
PARTY_TYPES = {"natural": "自然人", "legal": "法人", "organisation": "非法人组织"}
STATUS_LABELS = {"submitted": "待审查", "needs_correction": "待补正", "accepted": "已立案", "refused": "不予受理",
                 "referred": "转诉前调解"}


def referred_to_mediation(court_code: str, cause_code: str, by_court: dict[str, tuple[str, ...]]) -> bool:
    """Whether the court refers a filing of this cause to pre-filing mediation before its filing officer decides
    (its own configuration, Settings.mediation_referral_by_court; 在线调解规则 arts 3–4: the party still consents):
    a configured cause covers the causes under it."""
    return any(cause_code == c or cause_code.startswith(c + ".") for c in by_court.get(court_code, ()))
