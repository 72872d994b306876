fn main() {
    dela::start();
}
