/** `count` distinct upper-case ticker-like names (AAAA, AAAB, ...), for benchmarks with many symbols. */
export function syntheticSymbols(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    let name = '';
    let n = i;
    for (let k = 0; k < 4; k++) {
      name = String.fromCharCode(65 + (n % 26)) + name;
      n = Math.floor(n / 26);
    }
    return name;
  });
}
