"""Process tuning the GUI and `pigmeu run` apply for a smooth event loop."""

import subprocess
import sys


def test_freeze_startup_heap_hides_the_startup_objects_from_the_collector():
    # In a child: freezing the test runner's own heap would change every test after this one.
    code = (
        "import gc, pigmeu_desktop.app as a; before = gc.get_freeze_count(); a.freeze_startup_heap(); "
        "assert before == 0 and gc.get_freeze_count() > 5000, gc.get_freeze_count()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
