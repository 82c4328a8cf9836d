// TEMPORARY entry point until the command line lands.
print("fty-alert-engine")
