"""Read definitions from scripts/plots/generated.gp (written by bench from the Swift sources:
strategy and workload ids, the headline time column), so Python scripts name them from the one source."""
import os
import re
import sys

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated.gp")


def value(name):
    """The string `name` is defined as; exits naming the file when it is not defined."""
    with open(PATH) as f:
        match = re.search(r'^%s = "([^"]*)"$' % re.escape(name), f.read(), re.MULTILINE)
    if not match:
        sys.exit(f"{os.path.basename(sys.argv[0])}: {PATH} defines no {name}")
    return match.group(1)


def words(name):
    """A space-separated list definition, as a list."""
    return value(name).split()
