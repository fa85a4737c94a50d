//! Generate and compile the C++ side of the cxx bridge. The generated header is linked (by
//! cxx-build) at `<target dir>/cxxbridge/openrsm-cpp/src/bridge.rs.h`, where the CMake project
//! picks it up together with `<target dir>/cxxbridge/rust/cxx.h`.

fn main() {
    cxx_build::bridge("src/bridge.rs").std("c++17").compile("openrsm-cpp-bridge");
    println!("cargo:rerun-if-changed=src/bridge.rs");
}
