// Native reference for the JPEG-LS benchmark: CharLS (libcharls-dev), the library the WASM
// codec is built from. Encodes a raw 16-bit little-endian frame, then times decode only,
// in-process, over N repeats. Usage: charls-bench RAW WIDTH HEIGHT BITS REPEATS OUT.jls
#include <charls/charls.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 7) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const uint32_t width = std::stoul(argv[2]), height = std::stoul(argv[3]);
  const int32_t bits = std::stoi(argv[4]), repeats = std::stoi(argv[5]);
  const auto encoded = charls::jpegls_encoder::encode(raw, charls::frame_info{width, height, bits, 1});
  std::ofstream(argv[6], std::ios::binary).write(reinterpret_cast<const char*>(encoded.data()), encoded.size());
  std::vector<double> times;
  std::vector<uint8_t> out;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    charls::jpegls_decoder::decode(encoded, out);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  std::printf("%f\n", times[times.size() / 2]);
  return out.size() == raw.size() ? 0 : 1;
}
