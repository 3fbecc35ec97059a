"""The client's handout: one A4 page in plain words ("je") of what to take, when, what to keep
apart, what to eat, the signs of too much, the follow-up and the practice's phone number."""
