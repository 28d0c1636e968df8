"""Run yiwen as `python -m yiwen`."""

from yiwen.app import main

if __name__ == "__main__":
    main()
