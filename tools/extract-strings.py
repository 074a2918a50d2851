#!/usr/bin/env python3
"""Lists every localization key of Suivi.Web and checks the .resx translations.

The English text is the key (IStringLocalizer<SharedResource>). Keys come from:
  - L["..."] in the Razor views and localizer["..."] in C# code,
  - ErrorMessage = "..." and Display(Name = "...") in DataAnnotations attributes,
  - new DomainRuleException("...") messages (shown through localizer[rule.Message]),
  - enum member names shown with L[value.ToString()],
  - audit entity type names shown with L[entry.EntityType],
  - ASP.NET Core Identity error descriptions shown with localizer[error.Description].

Usage:
  tools/extract-strings.py            print the keys, one per line
  tools/extract-strings.py --check    also report keys missing from (or unused in) the fr/de .resx files;
                                      exit code 1 when a key is missing
  tools/extract-strings.py --where    print each key with the places it comes from
"""

import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "src" / "Suivi.Web"
RESOURCES = WEB / "Infrastructure"
LANGUAGES = ["fr", "de"]

# Enums whose member names are used as keys: L[value.ToString()].
ENUMS = [
    "Sex",
    "CaseFileStatus",
    "CaseMemberRole",
    "OrganisationRole",
    "Profession",
    "OrganisationKind",
    "AuditAction",
    "AuditOutcome",
]

# Audit entity types (CLR type names written to AuditEntry.EntityType), shown with L[entry.EntityType].
# (Every organisation-owned entity type is added too, see below.)
ENTITY_TYPES = [
    "Beneficiary",
    "CaseFile",
    "FamilyLink",
    "CaseFileMember",
    "CaseFileWorker",
    "StaffMember",
    "Service",
    "Site",
    "UserAccount",
]

# ASP.NET Core Identity error descriptions shown with localizer[error.Description] (Account/Password):
# the English texts of IdentityErrorDescriber for the password rules configured in Security/Accounts.cs
# (length 10, a digit, a lower-case and an upper-case letter).
IDENTITY_ERRORS = [
    "Passwords must be at least 10 characters.",
    "Passwords must have at least one digit ('0'-'9').",
    "Passwords must have at least one lowercase ('a'-'z').",
    "Passwords must have at least one uppercase ('A'-'Z').",
    "Optimistic concurrency failure, object has been modified.",
]
IDENTITY_USE = re.compile(r'localizer\[\s*error\.Description\s*\]')

STRING = r'"((?:[^"\\]|\\.)*)"'
PATTERNS = [
    # L["..."] / localizer["..."] / Localizer["..."], with or without format arguments.
    re.compile(r'\b(?:L|localizer|Localizer|_localizer)\[\s*' + STRING),
    re.compile(r'\bErrorMessage\s*=\s*' + STRING),
    re.compile(r'\bDisplay\s*\([^)]*?\bName\s*=\s*' + STRING),
    re.compile(r'\bnew\s+DomainRuleException\s*\(\s*' + STRING),
    # Texts chosen in code and shown with L[...] later, marked TextKey("...").
    re.compile(r'\bTextKey\(\s*' + STRING),
]
OWNED_PATTERN = re.compile(r'\bclass\s+(\w+)[^{]*\bIOrganisationOwned\b')
ENUM_PATTERN = re.compile(r'\benum\s+(\w+)\s*(?::\s*\w+\s*)?\{(.*?)\}', re.S)


def unescape(text: str) -> str:
    return (text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\"))


def source_files():
    for path in sorted(WEB.rglob("*")):
        if path.suffix not in (".cs", ".cshtml", ".razor") or not path.is_file():
            continue
        parts = set(path.relative_to(WEB).parts)
        if parts & {"bin", "obj", "Migrations"}:
            continue
        yield path


def extract():
    keys = defaultdict(set)
    enums = {}
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        if IDENTITY_USE.search(text):
            for message in IDENTITY_ERRORS:
                keys[message].add(f"{rel} (Identity error description)")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                keys[unescape(match.group(1))].add(f"{rel}:{line}")
        if path.suffix == ".cs":
            for match in ENUM_PATTERN.finditer(text):
                body = re.sub(r'//[^\n]*|/\*.*?\*/', "", match.group(2), flags=re.S)
                body = re.sub(r'\[[^\]]*\]', "", body)
                members = [m.split("=")[0].strip() for m in body.split(",")]
                enums[match.group(1)] = ([m for m in members if m], rel)
    # Every organisation-owned kind of record can appear in the audit log, named with L[entry.EntityType].
    owned = sorted(set(OWNED_PATTERN.findall("\n".join(p.read_text(encoding="utf-8") for p in (WEB / "Domain").glob("*.cs")))))
    # Every enum of the domain and of the security model is shown with L[value.ToString()] somewhere.
    shown = set(ENUMS) | {name for name, (_, rel) in enums.items() if str(rel).startswith(("src/Suivi.Web/Domain/", "src/Suivi.Web/Security/"))}
    for name in sorted(shown):
        if name not in enums:
            print(f"warning: enum {name} not found", file=sys.stderr)
            continue
        members, rel = enums[name]
        for member in members:
            keys[member].add(f"{rel} (enum {name})")
    for entity in ENTITY_TYPES + owned:
        keys[entity].add("audit entity type")
    return keys


def read_resx(path: Path):
    values = {}
    if not path.exists():
        return None
    for data in ET.parse(path).getroot().findall("data"):
        value = data.find("value")
        values[data.get("name")] = "" if value is None or value.text is None else value.text
    return values


PLACEHOLDER = re.compile(r'\{\d+(?:[:,][^}]*)?\}')


def check(keys) -> int:
    problems = 0
    for language in LANGUAGES:
        path = RESOURCES / f"SharedResource.{language}.resx"
        values = read_resx(path)
        if values is None:
            print(f"{path.relative_to(ROOT)}: missing file")
            problems += 1
            continue
        for key in sorted(keys):
            if key not in values:
                print(f"{language}: missing   {key!r}")
                problems += 1
            elif not values[key].strip():
                print(f"{language}: empty     {key!r}")
                problems += 1
            elif sorted(PLACEHOLDER.findall(key)) != sorted(PLACEHOLDER.findall(values[key])):
                print(f"{language}: placeholders differ  {key!r} -> {values[key]!r}")
                problems += 1
        for key in sorted(set(values) - set(keys)):
            print(f"{language}: unused    {key!r}")
        names = [d.get("name") for d in ET.parse(path).getroot().findall("data")]
        if names != sorted(names, key=sort_key):
            print(f"{language}: entries are not sorted by key")
    print(f"{len(keys)} keys, {problems} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def sort_key(key: str):
    return (key.casefold(), key)


def main() -> int:
    keys = extract()
    if "--where" in sys.argv:
        for key in sorted(keys, key=sort_key):
            print(f"{key}\t{'; '.join(sorted(keys[key]))}")
    elif "--check" in sys.argv:
        return check(keys)
    else:
        for key in sorted(keys, key=sort_key):
            print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
