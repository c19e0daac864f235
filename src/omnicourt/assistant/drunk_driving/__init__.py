"""危险驾驶罪 (drunk driving): element extraction, sentencing rules and the evaluation on the real set."""
