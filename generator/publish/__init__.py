"""Publishing: the output folder guard and swap, the gate (the output carries the judged report), deploy."""
