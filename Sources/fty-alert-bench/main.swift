// TEMPORARY entry point until the benchmark lands.
print("fty-alert-bench")
