from trustquest.cli import main

raise SystemExit(main())
