"""Configuration from the environment (OMNICOURT_*); defaults run the platform on a laptop."""

from functools import lru_cache
from pathlib import Path

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Request rate limits per window: kind -> (per address, per account); the routes of each kind: security/throttle.py.
RATE_LIMITS = {"login": (30, 10), "register": (10, 10), "password_reset": (5, 3),
               "search": (60, 30), "listing": (240, 120), "export": (20, 10)}
STORAGES = ("local", "s3")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OMNICOURT_", extra="ignore")

    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'omnicourt.db'}"
    # A streaming replica of the PostgreSQL above for the reads that may lag it (the dashboard, the case-base
    # search: db.Database.reading_replica, docs/SCALING.md); empty: they read the primary.
    read_database_url: str = ""
    data_dir: Path = PROJECT_ROOT / "data"
    # Where document files live (dossier/storage.py): "local" files under storage_dir, or "s3", an S3-compatible
    # object store (MinIO, Ceph, a cloud's) at s3_endpoint_url (empty: AWS itself) in s3_bucket. Empty keys: boto3's
    # own credential chain (environment, instance role).
    storage: str = "local"
    storage_dir: Path = PROJECT_ROOT / "var" / "documents"
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_bucket: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    secret_key: str = ""  # empty: one is generated once under var/ (see security.sessions)
    province: str = "浙江省"
    # The IANA zone the courts count days in (clock.py): a deadline's day is the court's day, not the server's.
    court_timezone: str = "Asia/Shanghai"
    # Which provincial amounts of data/fees.toml apply inside the ranges of 诉讼费用交纳办法 art. 13.
    fee_table_province: str = "zhejiang"
    # Audit log: the HMAC-SM3 key lives outside the database (created on first use, mode 0600); the chain heads
    # are anchored, signed, in an append-only file and optionally a second store (e.g. a write-once mount).
    audit_key_file: Path = PROJECT_ROOT / "var" / "audit.key"
    audit_anchor_file: Path = PROJECT_ROOT / "var" / "audit-anchors.jsonl"
    audit_anchor_mirror: Path | None = None
    # Which database the anchors belong to; empty: derived from the database URL (set it before moving the database).
    audit_anchor_scope: str = ""
    # Signed documents (signing/): the signing keys' private halves are sealed under the key in this file, kept
    # outside the database like the audit key (created on first use, mode 0600).
    signing_key_file: Path = PROJECT_ROOT / "var" / "signing.key"
    # Online fee payment: the gateway adapter ("simulated" signs its callbacks with the key in this file).
    payment_gateway: str = "simulated"
    payment_simulator_key_file: Path = PROJECT_ROOT / "var" / "payment-simulator.key"
    max_upload_bytes: int = 20 * 1024 * 1024
    # A party's self-recorded video of an asynchronous trial's stage (hearings/asynchronous/media.py): the formats
    # accepted and the size limit; a phone records about 10 MB a minute at 720p.
    async_trial_video_formats: tuple[str, ...] = (".mp4", ".mov", ".webm")
    async_trial_video_max_bytes: int = 200 * 1024 * 1024
    # Sign-in throttling (security/throttle.py): past the free failures of a scope in the window, each further
    # try waits twice as long as the last, up to login_max_delay_seconds: a delay, never a lock-out.
    login_attempts_per_window: int = 5  # one user name from one address
    login_address_failures_per_window: int = 20  # any user names from one address
    login_account_failures_per_window: int = 10  # one user name from any address
    login_window_seconds: int = 900
    login_max_delay_seconds: int = 60
    session_max_age_seconds: int = 8 * 3600
    # Real-name verification: "national" (the national identity check with face comparison, at
    # identity_service_url) or "simulated" (demo and tests), which refuses everyone except the
    # "姓名:公民身份号码" pairs and the "统一社会信用代码:法定代表人身份证号码" pairs listed here.
    identity_verifier: str = "simulated"
    identity_service_url: str = ""
    identity_simulated_people: tuple[str, ...] = ()
    identity_simulated_representatives: tuple[str, ...] = ()
    identity_attempts_per_day: int = 5
    session_idle_minutes: int = 30  # a session unused this long is closed
    sessions_per_account: int = 5  # concurrent sessions; the oldest is closed past it
    password_reset_minutes: int = 30  # lifetime of a password reset link
    # The portal's address as the public reaches it: texted links are built on it, never on the request's Host.
    public_base_url: str = "http://127.0.0.1:8000"
    # Online asset inquiry (enforcement/inquiry.py): "simulated" answers from a fixed set of agencies (demo and
    # tests); a real 网络执行查控 connection is an adapter named "module:function".
    asset_inquiry_adapter: str = "simulated"
    # Text messages (security/sms.py): "log" only logs them; "module:function" names a gateway adapter.
    sms_adapter: str = "log"
    # Online hearings' video conference (hearings/online/video.py): "log" makes links on video_base_url and logs
    # them; "module:function" names the court's system.
    video_adapter: str = "log"
    video_base_url: str = "https://video.court.example"
    # Electronic delivery's e-mail (delivery/mail.py): the court's SMTP server; empty host: no e-mail channel.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_username: str = ""
    smtp_password: str = ""
    mail_from: str = "songda@court.example"
    # Unread deliveries are reminded (在线诉讼规则 art. 32) this many hours after going out, then as often again,
    # at most delivery_reminders times.
    delivery_reminder_hours: int = 24
    delivery_reminders: int = 3
    # Publication of judgments online (publication/): the working days after a document takes effect to publish it
    # within (法释〔2016〕19号 art. 7 [S]), and what the placeholder of a document not published shows (art. 6 [U]:
    # case_number, court, decided_on, reason).
    publication_working_days: int = 7
    publication_placeholder_fields: tuple[str, ...] = ("case_number", "court", "decided_on", "reason")
    # Request rate limits (security/throttle.py RATE_LIMITED): kind -> (per address, per account) per window.
    rate_limit_window_seconds: int = 60
    rate_limits: dict[str, tuple[int, int]] = RATE_LIMITS  # OMNICOURT_RATE_LIMITS (JSON) changes some kinds
    # True behind HTTPS: cookies are Secure and Strict-Transport-Security is sent (docs/SECURITY.md).
    secure_cookies: bool = False
    # The browsable API (/docs, /openapi.json); set false to turn it off in production.
    api_docs: bool = True
    # Days a filing officer has to decide on an online filing (CPL art. 126: 7 days).
    filing_decision_days: int = 7
    # The judicial committee (deliberation/rules.py ReferralPolicy, 合议庭规定 art. 12; the spec leaves both to the
    # court): whether a split vote on a point of law is a "major disagreement" the panel must submit, and the causes
    # (dotted codes, each covering its narrower causes) the court's committee has said it decides.
    committee_on_split_law_vote: bool = True
    committee_causes: tuple[str, ...] = ()
    demo_cases: int = 20000
    # Causes every court of the province refers to mediation before filing (在线调解规则 arts 3–4; the party still
    # chooses): cause codes of data/causes.csv, a code covering the causes under it. Empty: none referred.
    mediation_referred_causes: tuple[str, ...] = ("cont.contract.loan", "cont.contract.sale",
                                                  "tort.tort.motor_vehicle", "cont.contract.property_service")
    # Causes a court refers to pre-filing mediation before its filing officer decides on a filing (在线调解规则
    # arts 3–4): court code → cause codes, each covering the causes under it. The party consents or the filing goes
    # to the filing officer as it would without. Empty: no court refers on its own.
    mediation_referral_by_court: dict[str, tuple[str, ...]] = {}
    # Days before a trial deadline at which the judge and the chief are warned (审限预警).
    deadline_warning_days: tuple[int, ...] = (30, 15, 7, 3)
    # Tiers of the long-pending ledger and the dashboard: open longer than these many months.
    dashboard_long_pending_months: tuple[int, ...] = (12, 18, 36)
    # AI judge assistant: an optional OpenAI-compatible endpoint (a local vLLM or Ollama serving a Qwen model).
    # Empty: the rule-based path only, which is the default and all the tests use.
    assistant_llm_url: str = ""
    assistant_llm_model: str = ""
    # Similar-case retrieval: the index backend ("tantivy", "bm25s" or "opensearch") and where it lives.
    retrieval_backend: str = "tantivy"
    retrieval_index_dir: Path = PROJECT_ROOT / "var" / "retrieval-index"
    retrieval_opensearch_url: str = ""  # e.g. http://127.0.0.1:9200 when retrieval_backend = "opensearch"
    # Optional dense re-ranker (sentence-transformers) for the top candidates; empty path: off.
    retrieval_rerank_model_path: str = ""
    # The job queue (omnicourt/queue): "procrastinate" (PostgreSQL), "huey" (SQLite, a file beside the database) or
    # "dramatiq" (on the broker below); empty: the one that fits the database. Workers run `omnicourt worker`.
    queue_backend: str = ""
    # dramatiq's broker: amqp://user:password@host:5672/ (RabbitMQ) or redis://host:6379/0 (Redis).
    queue_broker_url: str = ""
    # dramatiq's queue on that broker: platforms sharing one broker each take a name of their own.
    queue_name: str = "omnicourt"
    queue_concurrency: int = 2  # jobs one worker runs at once
    # A worker silent this long is dead: its running jobs are taken up again (procrastinate, heartbeats every third;
    # dramatiq on Redis; RabbitMQ sees a dead worker's connection drop at once).
    queue_stalled_seconds: float = 30.0
    queue_retry_seconds: float = 10.0  # the first retry's wait; each further retry waits twice as long
    # Modules defining further jobs, imported by the worker (jobs of the platform itself are always loaded).
    queue_job_modules: tuple[str, ...] = ()

    @field_validator("storage")
    @classmethod
    def _known_storage(cls, storage: str) -> str:
        if storage not in STORAGES:
            raise ValueError(f"OMNICOURT_STORAGE 应为 {' 或 '.join(STORAGES)}，而不是「{storage}」")
        return storage

    @field_validator("publication_placeholder_fields")
    @classmethod
    def _known_placeholder_fields(cls, fields: tuple[str, ...]) -> tuple[str, ...]:
        known = ("case_number", "court", "decided_on", "reason")
        if not fields or set(fields) - set(known):
            raise ValueError(f"OMNICOURT_PUBLICATION_PLACEHOLDER_FIELDS 应取自 {', '.join(known)}")
        return fields

    @field_validator("s3_endpoint_url")
    @classmethod
    def _endpoint_is_a_url(cls, url: str) -> str:
        if url and not url.startswith(("http://", "https://")):
            raise ValueError(f"OMNICOURT_S3_ENDPOINT_URL 应以 http:// 或 https:// 开头，而不是「{url}」")
        return url

    @model_validator(mode="after")
    def _s3_has_a_bucket(self) -> "Settings":
        if self.storage == "s3" and not self.s3_bucket:
            raise ValueError("OMNICOURT_STORAGE=s3 时须设置 OMNICOURT_S3_BUCKET（存放卷宗材料的存储桶）")
        return self

    @field_validator("rate_limits")
    @classmethod
    def _every_kind_limited(cls, limits: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        return {**RATE_LIMITS, **limits}


@lru_cache
def get_settings() -> Settings:
    return Settings()
