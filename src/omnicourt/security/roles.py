"""Roles (glossary.md) and what each may see: the case scope of every account."""

from dataclasses import dataclass

STAFF_ROLES = {
    "filing_officer": "立案庭工作人员",
    "judge": "员额法官",
    "judge_assistant": "法官助理",
    "clerk": "书记员",
    "division_chief": "庭长",
    "vice_president": "分管副院长",
    "president": "院长",
    "enforcement_officer": "执行员",
}
PUBLIC_ROLES = {"party": "当事人", "lawyer": "律师"}
# An invited mediator (特邀调解员) on a court's roster: neither court staff nor a party; sees its mediations only.
MEDIATOR_ROLES = {"mediator": "特邀调解员"}
ROLE_LABELS = STAFF_ROLES | PUBLIC_ROLES | MEDIATOR_ROLES

# Who handles cases of a division day to day.
CASE_HANDLERS = {"judge", "judge_assistant", "clerk"}
COURT_LEADERS = {"president", "vice_president"}


@dataclass(frozen=True)
class Actor:
    """The signed-in account as services see it."""

    id: int
    role: str
    kind: str  # staff / public / mediator
    display_name: str
    court_id: int | None = None
    division_id: int | None = None
    court_level: str | None = None
    id_number: str | None = None  # public accounts: the identity they registered with
    uscc: str | None = None
    identity_verified: bool = False
    # The ID number (a company: the USCC) bound after real-name verification: the only number that
    # links the account to cases. None until verified.
    bound_number: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.kind == "staff"

    @property
    def is_mediator(self) -> bool:
        return self.kind == "mediator"

    @property
    def sees_province(self) -> bool:
        return self.role in COURT_LEADERS and self.court_level == "high"

    @property
    def person_type_is_legal(self) -> bool:
        # A company's account is linked to cases by its USCC, not by its representative's ID.
        return self.uscc is not None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)
