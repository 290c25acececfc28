"""Container entry point (Airbyte images run `python /airbyte/integration_code/main.py`)."""

from source_linkedin_pages.run import run

if __name__ == "__main__":
    run()
