"""Validates a fideslang manifest the way Fides reads one.

The manifest is parsed with fideslang's own loader and model (`Taxonomy`, whose `system`
entries are `System` models with their `PrivacyDeclaration`s), and every data category, data
use and data subject it names must exist in fideslang's default taxonomy. Prints one line per
problem and exits 1 when there is any; prints the number of declarations and exits 0 otherwise.

Usage: python validate_fides.py MANIFEST.yml
"""

import sys

from fideslang.default_taxonomy import DEFAULT_TAXONOMY
from fideslang.manifests import load_yaml_into_dict
from fideslang.models import Taxonomy


def main(path):
    taxonomy = Taxonomy.model_validate(load_yaml_into_dict(path))
    categories = {category.fides_key for category in DEFAULT_TAXONOMY.data_category}
    uses = {use.fides_key for use in DEFAULT_TAXONOMY.data_use}
    subjects = {subject.fides_key for subject in DEFAULT_TAXONOMY.data_subject}
    problems = []
    declarations = 0
    for system in taxonomy.system or []:
        for declaration in system.privacy_declarations:
            declarations += 1
            where = f"{system.fides_key}: {declaration.name}"
            for category in declaration.data_categories + declaration.shared_categories:
                if category not in categories:
                    problems.append(f"{where}: unknown data category {category}")
            if declaration.data_use not in uses:
                problems.append(f"{where}: unknown data use {declaration.data_use}")
            for subject in declaration.data_subjects:
                if subject not in subjects:
                    problems.append(f"{where}: unknown data subject {subject}")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{declarations} declarations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
