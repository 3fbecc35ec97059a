"""The letter to the GP: why the doctor must look first, the client's answers that matter, the
precise question, and a part the doctor fills in; its answer comes back into the plan."""
