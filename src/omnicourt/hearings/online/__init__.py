"""Online hearings (在线庭审): re-verification, join links, attendance, the live record and its signatures."""
