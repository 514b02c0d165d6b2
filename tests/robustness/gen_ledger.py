#!/usr/bin/env python3
"""Writes a ledger.csv of N expenses on Indlæggelse Hjemme (examples/vest), ids prefixed by PREFIX.
Prints the total in øre, so a test can tell a whole import from a partial one.
  gen_ledger.py OUT_DIR N PREFIX [SEED]"""
import os, random, sys
out, n, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
os.makedirs(out, exist_ok=True)
total = 0
with open(os.path.join(out, "ledger.csv"), "w", encoding="utf-8") as f:
    f.write("id,date,kind,body,initiative,category,amount\n")
    for i in range(n):
        ore = random.randint(100, 9999999)
        total += ore
        f.write(f"{prefix}-{i},2025-{random.randint(7, 12):02d}-{random.randint(1, 28):02d},expense,vest,"
                f"indlaeggelse-hjemme,løn,{ore // 100}.{ore % 100:02d}\n")
print(total)
