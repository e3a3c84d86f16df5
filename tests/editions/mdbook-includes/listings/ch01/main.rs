use std::io;

// ANCHOR: main
fn main() {
    // ANCHOR: greet
    let name = "world";
    println!("Hello, {name}!");
    // ANCHOR_END: greet
    io::stdin();
}
// ANCHOR_END: main
