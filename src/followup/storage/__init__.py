"""Where data lives and how it is written: locations, files, the store, migrations, the doctor
and its repairs."""
