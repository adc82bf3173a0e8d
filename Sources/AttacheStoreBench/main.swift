print("attache-store-bench: not written yet")
