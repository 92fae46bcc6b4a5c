"""Identity proven with DigiD at filing (the digid app logs the resident in; this module says
what a request keeps of it). No ID copy and no staff step: the Autoriteit Persoonsgegevens
prefers exactly this to a copy of a passport (GDPR art. 12(6), art. 5(1)(c))."""

from dataclasses import dataclass

from core.crypto import blind_index

from .models import SubjectRequest, VerificationMethod


@dataclass(frozen=True, kw_only=True)
class ProvenIdentity:
    """What DigiD told us about who files: the BSN of the person the request concerns, the
    level of the login, and, when a representative filed for them (DigiD Machtigen through
    the broker), the representative's own BSN."""

    bsn: str
    level: int
    representative_bsn: str = ""

    def __repr__(self) -> str:  # never a BSN in a traceback or a log line
        return f"ProvenIdentity(level={self.level}, represented={bool(self.representative_bsn)})"


def identity_apply(request: SubjectRequest, proven: ProvenIdentity, *, now) -> None:
    """Sets the BSNs (encrypted, with blind indexes) and marks the identity as verified by
    DigiD on an unsaved request."""
    request.bsn = proven.bsn
    request.bsn_index = blind_index(proven.bsn)
    request.representative_bsn = proven.representative_bsn
    request.representative_bsn_index = (
        blind_index(proven.representative_bsn) if proven.representative_bsn else ""
    )
    request.digid_level = proven.level
    request.identity_method = VerificationMethod.DIGID
    request.identity_verified_at = now
