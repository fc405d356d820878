fn main() {
    kith::start();
}
