"""Background jobs: the step runner (steps.py) and the executor that schedules steps with limits and retries."""
