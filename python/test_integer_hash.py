"""Self-check of the integer_hash workload against values computed by the Java implementation."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from workloads import integer_hash  # noqa: E402


class IntegerHashTest(unittest.TestCase):
    def test_sum_of_twelve_units_matches_java(self):
        expected = {0: 78, 1: 8764937436, 10: 14576986654, 1000: 11408787911, 100000: 13613363936}
        for iterations, checksum in expected.items():
            with self.subTest(iterations=iterations):
                self.assertEqual(integer_hash.units(0, 12, iterations), checksum)

    def test_single_unit_matches_java(self):
        self.assertEqual(integer_hash.unit(5, 1000), 987832928)

    def test_chunks_add_up_to_the_whole_range(self):
        whole = integer_hash.units(0, 12, 1000)
        self.assertEqual(sum(integer_hash.units(k * 3, k * 3 + 3, 1000) for k in range(4)), whole)


if __name__ == "__main__":
    unittest.main()
