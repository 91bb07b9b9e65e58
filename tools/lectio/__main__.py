from lectio.cli import main

main()
