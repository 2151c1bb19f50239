"""The output contract: pydantic v2 models for articles and article profiles.

Other tools rely on these names and meanings; extend, never rename.
"""

from models.article import Article, Block, BlockKind
from models.company import CompanyPlace, CompanyProfile, CompanySdg, SdgBacking
from models.profile import (
    SCHEMA_VERSION,
    ArticleMeta,
    Evidence,
    Organisation,
    OrganisationKind,
    Person,
    Place,
    PlaceRef,
    Profile,
    Quote,
    SdgMention,
    SdgMethod,
    Statement,
    StatementTopic,
)
from models.review import ADDABLE_FIELDS, REVIEW_FIELDS, ReviewDecision, ReviewField, Verdict

__all__ = [
    "ADDABLE_FIELDS",
    "REVIEW_FIELDS",
    "SCHEMA_VERSION",
    "Article",
    "ArticleMeta",
    "Block",
    "BlockKind",
    "CompanyPlace",
    "CompanyProfile",
    "CompanySdg",
    "Evidence",
    "Organisation",
    "OrganisationKind",
    "Person",
    "Place",
    "PlaceRef",
    "Profile",
    "Quote",
    "ReviewDecision",
    "ReviewField",
    "SdgBacking",
    "SdgMention",
    "SdgMethod",
    "Statement",
    "StatementTopic",
    "Verdict",
]
